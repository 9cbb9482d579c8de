import { useT } from '../app-context';
import { FileCase } from './FileCase';

export default function FileAppeal() {
  const { t } = useT();
  return <FileCase kind="appeals" title={t('fileAppeal')} />;
}
