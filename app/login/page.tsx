import type { Metadata } from 'next';
import { LoginForm } from '@/components/login-form';

export const metadata: Metadata = { title: 'Sign in · Lightrun Server install wizard' };

export default function LoginPage() {
  return (
    <main className="login card">
      <p className="eyebrow">Lightrun Server install wizard</p>
      <h1>Sign in</h1>
      <p className="summary">
        This wizard acts with your cluster credentials, so it asks for its access token. The link
        the server printed at start signs you in by itself; otherwise paste the token from the file
        it named, or the one you gave in LW_ACCESS_TOKEN / LW_ACCESS_TOKEN_FILE.
      </p>
      <LoginForm />
    </main>
  );
}
