// What the server and the web client must agree on. The server runs the compiled dist/ (CommonJS);
// the web client bundles this source directly (Vite alias), so both read one set of rules.
export * from './money';
export * from './amount-input';
export * from './limits';
export * from './error-codes';
