import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** What the staff app shows for an address that names no page, or a page the user's roles do not open. */
export function PageProblem({ problem }: { problem: 'notFound' | 'forbidden' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status={problem === 'notFound' ? '404' : '403'}
      title={t(`pageProblem.${problem}.title`)}
      subTitle={t(`pageProblem.${problem}.text`)}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('pageProblem.home')}
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  return <PageProblem problem="notFound" />;
}
