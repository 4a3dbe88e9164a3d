import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api-client';
import { resolveConnection } from './api/connection';
import { App } from './App';
import { ConnectionStatus } from './state/connection-status';
import { SkiffProvider } from './state/skiff-context';
import { installTokens } from './design/token-css';
import './styles.css';
import './design/design.css';

async function boot(): Promise<void> {
  installTokens();
  const root = createRoot(document.getElementById('root')!);
  const connection = await resolveConnection();
  if (!connection) {
    root.render(
      <main className="signin" role="alert">
        <h1>Skiff needs its token</h1>
        <p>
          Open the full URL that <code>skiff serve</code> (or <code>npm start</code>) printed; it carries the
          token after <code>#token=</code>.
        </p>
      </main>,
    );
    return;
  }
  const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
  const value = { client: new ApiClient(connection), status: new ConnectionStatus() };
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SkiffProvider value={value}>
          <App />
        </SkiffProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void boot();
