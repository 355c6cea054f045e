import { PageTitle, Nothing } from '../components/Page';
export default function StatsPage() {
  return (
    <div>
      <PageTitle title="统计分析" />
      <Nothing text="正在准备本页面" />
    </div>
  );
}
