export default function Home() {
  return (
    <main style={{ padding: 32 }}>
      <h1>Lightrun Server install wizard</h1>
    </main>
  );
}
