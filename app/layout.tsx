import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { UserMenu } from '@/components/settings/user-menu';
import { currentViewer } from '@/lib/auth/next/viewer';
import { signOutAction } from './(auth)/actions';
import './globals.css';

export const metadata: Metadata = {
  title: 'Causeway',
  description: 'Event-driven workflows for microservices',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <a href="/" className="brand">Causeway</a>
          {viewer && (
            <nav className="nav" aria-label="Main">
              <a href="/">Overview</a>
              <a href="/workflows">Workflows</a>
              <a href="/runs">Runs</a>
              <a href="/events">Events</a>
              <a href="/replays">Replays</a>
              <a href="/subjects">History</a>
              <a href="/webhooks">Webhooks</a>
              <a href="/settings">Settings</a>
            </nav>
          )}
          {viewer && <UserMenu email={viewer.email} role={viewer.role} signOut={signOutAction} />}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
