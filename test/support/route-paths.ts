// A path for a route pattern: every parameter filled with a value of the usual shape (the role
// guards come before any parsing), for the tests that enumerate the app's routes.
export const pathOf = (url: string): string =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'caseId' ? 'SB-2026-000001' : name === 'id' ? '00000000-0000-4000-8000-000000000000' : name === 'year' ? '2026' : name === 'period' ? '2026Q3' : 'M2'));
