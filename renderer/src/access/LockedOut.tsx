// What a visitor sees when the bridge does not know this browser: a bookmark or a new tab opened before the
// full address ever was, or an address from an earlier start. It says what happened and how to get back in.
import { useTranslation } from 'react-i18next';

export function LockedOut() {
  const { t } = useTranslation();
  const origin = window.location.origin;
  return (
    <main className="locked-out" data-testid="locked-out">
      <h1>{t('access.title')}</h1>
      <p>{t('access.why')}</p>
      <h2>{t('access.howTitle')}</h2>
      <ol>
        <li>
          {t('access.step1')}
          <code className="locked-url">{`${origin}/#token=…`}</code>
        </li>
        <li>
          {t('access.step2')} <code>npm start</code>
          {t('access.step2b')}
        </li>
      </ol>
      <p className="muted">{t('access.after')}</p>
    </main>
  );
}
