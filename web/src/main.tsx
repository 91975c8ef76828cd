import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { AuthProvider } from './auth/AuthContext';
import { I18nProvider } from './i18n';
import { ThemeProvider } from './ThemeProvider';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <I18nProvider>
    <ThemeProvider>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </ThemeProvider>
  </I18nProvider>,
);
