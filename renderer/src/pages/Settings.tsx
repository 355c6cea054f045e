import { PageTitle, Nothing } from '../components/Page';
export default function SettingsPage() {
  return (
    <div>
      <PageTitle title="设置" />
      <Nothing text="正在准备本页面" />
    </div>
  );
}
