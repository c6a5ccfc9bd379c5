// Writes docs/onnx-coverage.md from kiln's tables (compiler/onnx/coverage-doc.ts). Run: npm run docs:onnx-coverage
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COVERAGE_DOC_PATH, coverageDoc } from '../compiler/onnx/coverage-doc.ts';

const path = fileURLToPath(new URL(`../${COVERAGE_DOC_PATH}`, import.meta.url));
writeFileSync(path, coverageDoc());
console.log(`wrote ${COVERAGE_DOC_PATH}`);
