import type { ReactNode } from 'react';

export const metadata = { title: 'earshot', description: 'Privacy-friendly podcast download analytics' };
export const viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <link rel="stylesheet" href="/earshot.css" />
      </head>
      <body>{children}</body>
    </html>
  );
}
