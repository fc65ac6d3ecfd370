// The comparison point: the React 19 + Redux Toolkit + react-redux + Recharts + react-router stack,
// bundled by esbuild (minified, production) from an entry that uses each library, then gzipped.
// Needs those packages installed OUTSIDE the project (they are not its dependencies):
//   npm install --prefix /tmp/react-stack react@19 react-dom@19 @reduxjs/toolkit react-redux recharts react-router
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ENTRY = `
import { createRoot } from 'react-dom/client';
import { configureStore, createSlice } from '@reduxjs/toolkit';
import { Provider, useSelector } from 'react-redux';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { LineChart, Line, XAxis, YAxis, Tooltip, Legend, PieChart, Pie, Cell, ResponsiveContainer } from 'recharts';
const slice = createSlice({ name: 'm', initialState: { points: [] }, reducers: { add: (s, a) => { s.points.push(a.payload); } } });
const store = configureStore({ reducer: { m: slice.reducer } });
function Dashboard() {
  const points = useSelector((s) => s.m.points);
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart data={points}><XAxis dataKey="t" /><YAxis yAxisId="l" /><YAxis yAxisId="r" orientation="right" /><Tooltip /><Legend />
        <Line yAxisId="l" dataKey="a" /><Line yAxisId="r" dataKey="b" /></LineChart>
    </ResponsiveContainer>
  );
}
function Donut() {
  return <PieChart width={200} height={200}><Pie data={[{ v: 1 }, { v: 2 }]} dataKey="v" innerRadius={50}><Cell fill="#000" /></Pie></PieChart>;
}
const router = createBrowserRouter([{ path: '/', element: <Dashboard /> }, { path: '/c/:id', element: <Donut /> }]);
createRoot(document.getElementById('root')).render(<Provider store={store}><RouterProvider router={router} /></Provider>);
store.dispatch(slice.actions.add({ t: 1, a: 2, b: 3 }));
`;

export interface StackSize {
  measured: boolean;
  gzipBytes: number;
  minifiedBytes: number;
  versions: Record<string, string>;
  note: string;
}

const PACKAGES = ['react', 'react-dom', '@reduxjs/toolkit', 'react-redux', 'recharts', 'react-router'];

export async function measureReactStack(dir: string, fallbackKb: number): Promise<StackSize> {
  const missing = PACKAGES.filter((p) => !existsSync(join(dir, 'node_modules', p, 'package.json')));
  const fallback = (why: string): StackSize => ({
    measured: false,
    gzipBytes: fallbackKb * 1024,
    minifiedBytes: 0,
    versions: {},
    note: `not measured (${why}); ~${fallbackKb} KB as cited in the issue`,
  });
  if (missing.length > 0) return fallback(`${missing.join(', ')} not installed in ${dir}`);
  try {
    const esbuild = await import('esbuild');
    const entry = join(dir, 'bench-entry.jsx');
    writeFileSync(entry, ENTRY);
    const r = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: dir,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    });
    const code = r.outputFiles[0]!.contents;
    const versions: Record<string, string> = {};
    for (const p of PACKAGES)
      versions[p] = JSON.parse(readFileSync(join(dir, 'node_modules', p, 'package.json'), 'utf8')).version;
    return {
      measured: true,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      minifiedBytes: code.length,
      versions,
      note: 'esbuild --bundle --minify, NODE_ENV=production, one entry using every library; gzip -9',
    };
  } catch (err) {
    return fallback(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}
