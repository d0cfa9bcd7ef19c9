export const dynamic = 'force-dynamic';

export default function Home() {
  const rt = globalThis.__earshotRuntime;
  const prefix = `${rt?.config.publicUrl ?? ''}/e/`;
  return (
    <main>
      <h1>earshot</h1>
      <p>Self-hosted, privacy-friendly podcast download analytics.</p>
      <p>
        Put the tracker prefix before every enclosure URL in your feed:{' '}
        <code>{prefix}</code> — for example <code>{prefix}media.example.com/episode1.mp3</code>.
      </p>
      <p>
        Status: <a href="/api/health">/api/health</a>
      </p>
    </main>
  );
}
