import { useT } from '../app-context';
import { FileCase } from './FileCase';

export default function FileProxy() {
  const { t } = useT();
  return <FileCase kind="proxy-cases" title={t('fileProxy')} />;
}
