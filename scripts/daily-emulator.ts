/**
 * `npx tsx scripts/daily-emulator.ts` — the Daily emulator on its own, for poking at by hand and
 * for whoever wires the Daily provider into `npm run dev` and the tests. Point the app's Daily
 * client at it with DAILY_API_URL=http://127.0.0.1:$DAILY_EMULATOR_PORT/v1 and DAILY_API_KEY set to
 * the key it prints. Webhooks are registered through its API (POST /v1/webhooks), as with Daily.
 */
import { DEFAULT_API_KEY, startDailyEmulator } from '../emulators/daily'

const emulator = await startDailyEmulator({
  port: Number(process.env.DAILY_EMULATOR_PORT || 12112),
  host: process.env.DAILY_EMULATOR_HOST || '127.0.0.1',
  apiKey: process.env.DAILY_EMULATOR_API_KEY || DEFAULT_API_KEY,
  domain: process.env.DAILY_EMULATOR_DOMAIN || undefined,
  roomUrlBase: process.env.DAILY_EMULATOR_ROOM_URL_BASE || undefined,
  meetingEndedDelayMs: Number(process.env.DAILY_EMULATOR_MEETING_ENDED_DELAY_MS || 0),
})
console.log(`[daily-emulator] Daily API on ${emulator.apiUrl} (key ${emulator.apiKey}; control: ${emulator.url}/emulator/…)`)
console.log(`[daily-emulator] room URLs: ${emulator.roomUrlBase}/<name> (domain ${emulator.domain})`)

const stop = async () => {
  await emulator.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
