import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS } from '../../common/contract/app.ts';
import { createClient } from '../../common/contract/client.ts';
import { ApiProvider } from './api/ApiProvider.tsx';
import { detectTransport } from './api/transports.ts';
import { App } from './app/App.tsx';
import { ErrorProvider } from './app/errors.tsx';
import { setupI18n } from './i18n/setup.ts';
import { ProjectProvider } from './project/index.ts';
import { PathPickerProvider } from './project/use-path-picker.tsx';
import './styles/app.css';

async function boot(): Promise<void> {
  const client = createClient(detectTransport());
  const settings = await client.call('settings.get', {}).catch(() => DEFAULT_SETTINGS);
  await setupI18n(settings.language);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApiProvider client={client}>
        <ErrorProvider>
          <ProjectProvider>
            <PathPickerProvider>
              <App />
            </PathPickerProvider>
          </ProjectProvider>
        </ErrorProvider>
      </ApiProvider>
    </StrictMode>,
  );
}

void boot();
