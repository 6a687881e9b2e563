// Compiles src/ and migrations/ to dist/ with the TypeScript compiler and @nestjs/swagger's plugin (which derives
// the OpenAPI schemas from the DTOs' types, class-validator decorators and doc comments). Replaces `nest build`,
// whose CLI pulls in dependencies that require Node 22.
import { rmSync } from 'node:fs';
import ts from 'typescript';
import { before as swaggerPlugin } from '@nestjs/swagger/plugin';

const host = ts.sys;
const { config, error } = ts.readConfigFile('tsconfig.build.json', host.readFile);
if (error) fail([error]);
const parsed = ts.parseJsonConfigFileContent(config, host, process.cwd());
if (parsed.errors.length) fail(parsed.errors);

rmSync(parsed.options.outDir, { recursive: true, force: true });
const program = ts.createProgram(parsed.fileNames, parsed.options);
const plugin = swaggerPlugin({ classValidatorShim: true, introspectComments: true, dtoFileNameSuffix: ['.dto.ts'] }, program);
const result = program.emit(undefined, undefined, undefined, false, { before: [plugin] });
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
if (diagnostics.length) fail(diagnostics);

function fail(list) {
  const format = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(list, format));
  process.exit(1);
}
