export default function Index() {
  return <h1>Expertenpool</h1>;
}
