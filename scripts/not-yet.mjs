// Placeholder for root scripts whose packages have not landed yet.
const name = process.argv[2] ?? 'this command';
console.log(`pnpm ${name}: not yet available`);
