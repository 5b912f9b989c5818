import type { Metadata } from 'next';
import { LoginForm } from '@/components/login-form';

export const metadata: Metadata = { title: 'Sign in · Lightrun Server install wizard' };

export default function LoginPage() {
  return (
    <main className="login card">
      <p className="eyebrow">Lightrun Server install wizard</p>
      <h1>Sign in</h1>
      <p className="summary">
        This wizard is reachable over the network, so it asks for its access token: the one printed
        once when the server started, or the one in LW_ACCESS_TOKEN / LW_ACCESS_TOKEN_FILE.
      </p>
      <LoginForm />
    </main>
  );
}
