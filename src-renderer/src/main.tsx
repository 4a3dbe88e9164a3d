import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveConnection } from './api/connection';
import { App } from './App';
import { ClusterScope } from './clusters/ClusterScope';
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
  root.render(
    <StrictMode>
      <ClusterScope connection={connection}>
        <App />
      </ClusterScope>
    </StrictMode>,
  );
}

void boot();
