// How many runs each property gets: at least 1 000 in CI (`CI=true`), fewer locally unless
// `LAVA_PROPERTY_RUNS` says otherwise.
const fromEnv = Number(process.env.LAVA_PROPERTY_RUNS);
export const RUNS = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : process.env.CI ? 1_000 : 100;
