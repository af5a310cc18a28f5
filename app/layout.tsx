import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Causeway',
  description: 'Event-driven workflows for microservices',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <a href="/" className="brand">Causeway</a>
          <nav className="nav" aria-label="Main">
            <a href="/">Overview</a>
            <a href="/workflows">Workflows</a>
            <a href="/webhooks">Webhooks</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
