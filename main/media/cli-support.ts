import { createSettingsStore } from '../app-state/settings-store.ts';
import { defaultDataDir } from '../platform/paths.ts';
import { type FfmpegTools, resolveTools } from './ffmpeg-path.ts';

/** ffmpeg/ffprobe for CLI commands: same order as the app (Settings path, env, bundled, PATH). */
export function toolsForCli(): Promise<FfmpegTools> {
  const settings = createSettingsStore(defaultDataDir()).get();
  return resolveTools({ settingsFfmpeg: settings.ffmpegPath, settingsFfprobe: settings.ffprobePath });
}
