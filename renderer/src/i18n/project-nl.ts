import type { projectEn } from './project-en.ts';

export const projectNl: typeof projectEn = {
  title: 'Project',
};
