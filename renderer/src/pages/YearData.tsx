import { PageTitle, Nothing } from '../components/Page';
export default function YearData() {
  return (
    <div>
      <PageTitle title="年度数据" />
      <Nothing text="正在准备本页面" />
    </div>
  );
}
