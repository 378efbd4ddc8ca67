import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LOCKED_EVENT, openSession, takeTokenFromLocation } from './api';
import { LockedOut } from './access/LockedOut';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';

takeTokenFromLocation();
initI18n();

/** The app once the bridge knows this browser; the way back in when it does not (or stops knowing it). */
function Gate({ allowed }: { allowed: boolean }) {
  const [locked, setLocked] = useState(!allowed);
  useEffect(() => {
    const lock = () => setLocked(true);
    // Pasting the full address into a tab on the bare one changes only the fragment: the page is not loaded
    // again, so the token is taken here.
    const tokenArrived = () => {
      if (!takeTokenFromLocation()) return;
      void openSession().then((ok) => setLocked(!ok));
    };
    window.addEventListener(LOCKED_EVENT, lock);
    window.addEventListener('hashchange', tokenArrived);
    return () => {
      window.removeEventListener(LOCKED_EVENT, lock);
      window.removeEventListener('hashchange', tokenArrived);
    };
  }, []);
  return locked ? <LockedOut /> : <App />;
}

void openSession().then((allowed) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Gate allowed={allowed} />
    </StrictMode>,
  ),
);
