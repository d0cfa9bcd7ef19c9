export default function Loading() {
  return (
    <main aria-busy="true">
      <p className="muted" role="status">Loading statistics…</p>
      <div className="chart" />
    </main>
  );
}
