import { createRoot } from 'react-dom/client';
import '../shared/ui/styles.css';
import { AppRoot } from '../shared/AppRoot';
import { PortalApp } from './App';
import { portalCatalogue } from './catalogue';

createRoot(document.getElementById('root')!).render(
  <AppRoot catalogue={portalCatalogue}>
    <PortalApp />
  </AppRoot>,
);
