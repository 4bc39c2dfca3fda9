import type { MenuItemConstructorOptions } from 'electron';

/**
 * A deliberately small menu: the app's own commands live in its UI (and its keyboard map).
 * Roles give the platform's standard items — quit, copy/paste in text fields, window handling.
 */
export function buildMenuTemplate(platform: NodeJS.Platform, devTools: boolean): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ role: 'fileMenu' }, { role: 'editMenu' });
  if (devTools) {
    template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  }
  template.push({ role: 'windowMenu' });
  return template;
}
