import { PageTitle, Nothing } from '../components/Page';
export default function RecycleBin() {
  return (
    <div>
      <PageTitle title="回收站" />
      <Nothing text="正在准备本页面" />
    </div>
  );
}
