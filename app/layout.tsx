import type { ReactNode } from 'react';

export const metadata = { title: 'earshot', description: 'Privacy-friendly podcast download analytics' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem auto', maxWidth: '48rem', padding: '0 1rem' }}>
        {children}
      </body>
    </html>
  );
}
