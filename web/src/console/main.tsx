import { createRoot } from 'react-dom/client';
import '../shared/ui/styles.css';
import { AppRoot } from '../shared/AppRoot';
import { ConsoleApp } from './App';
import { consoleCatalogue } from './catalogue';

createRoot(document.getElementById('root')!).render(
  <AppRoot catalogue={consoleCatalogue}>
    <ConsoleApp />
  </AppRoot>,
);
