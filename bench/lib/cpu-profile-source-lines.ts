/**
 * Source lines for the profile's frames of our TypeScript. The replica runs under tsx, which
 * compiles each .ts file with esbuild with whitespace minified (the whole module on one line),
 * so V8 reports every function of src/ at line 1 and some column. This module compiles the file
 * again the way tsx 4 does (esbuild's transform with tsx's options: `format: 'esm'`, `target:
 * node<version>`, `minifyWhitespace`, `keepNames`, a source map; tsx's only other step rewrites
 * dynamic `import()`, which src/ does not use), and looks the column up in the source map.
 *
 * It reads the file as it is now: run it on the checkout the profile was taken of (the bench
 * reads the profile right after the run). A file it cannot compile or map keeps the line V8 gave.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
// tsx's own compiler (a dependency of tsx), so the positions are those of the code the replica ran.
import { transformSync } from 'esbuild';

/** `lineOf(url, line, column)`: the 1-based source line of a position V8 reported (0-based) in a .ts file. */
export type SourceLineOf = (url: string, lineNumber: number, columnNumber: number) => number | undefined;

/** A lookup with one compiled map per file, made on first use. */
export function createSourceLineOf(): SourceLineOf {
  const maps = new Map<string, number[][][] | undefined>();
  return (url, lineNumber, columnNumber) => {
    if (!url.startsWith('file://') || !url.endsWith('.ts')) return undefined;
    if (!maps.has(url)) maps.set(url, compiledMap(fileURLToPath(url)));
    const lines = maps.get(url);
    const segments = lines?.[lineNumber];
    if (!segments) return undefined;
    // The last segment starting at or before the column: the source position that code came from.
    let found: number[] | undefined;
    for (const segment of segments) {
      if ((segment[0] as number) > columnNumber) break;
      if (segment.length >= 4) found = segment;
    }
    return found === undefined ? undefined : (found[2] as number) + 1;
  };
}

/** The decoded mappings of `file` compiled as tsx compiles it: per generated line, [column, source, line, column] segments. */
function compiledMap(file: string): number[][][] | undefined {
  try {
    const result = transformSync(fs.readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: `node${process.versions.node}`,
      sourcefile: file,
      sourcemap: true,
      sourcesContent: false,
      minifyWhitespace: true,
      keepNames: true,
    });
    const map = JSON.parse(result.map) as { mappings: string };
    return decodeMappings(map.mappings);
  } catch {
    return undefined;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Source map v3 `mappings`: VLQ fields, relative to the previous segment (the column to the previous one of its line). */
function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  const state = [0, 0, 0, 0, 0];
  for (const line of mappings.split(';')) {
    state[0] = 0;
    const segments: number[][] = [];
    for (const text of line.split(',')) {
      if (!text) continue;
      const fields = decodeVlq(text);
      const segment = fields.map((value, i) => (state[i] = (state[i] as number) + value));
      segments.push(segment);
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
