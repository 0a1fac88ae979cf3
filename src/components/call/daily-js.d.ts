// Until @daily-co/daily-js is a dependency, its module is typed here (dailyAdapter.ts types the API it uses).
declare module '@daily-co/daily-js'
