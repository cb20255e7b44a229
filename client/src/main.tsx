import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { UiTextProvider } from './uiText';
import { initI18n } from './i18n';
import './styles.css';
import './views.css';
import './segments.css';
import './editor/editor.css';
import './editor/editor-panels.css';
import './editor/live.css';
import './editor/memorySearch.css';
import './editor/threads.css';
import './coordinator.css';
import './exchange.css';
import './glossary/glossary.css';

await initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <UiTextProvider>
      <App />
    </UiTextProvider>
  </StrictMode>,
);
