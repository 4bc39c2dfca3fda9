/** Texts of the project UI (renderer/src/project/); merged into the main table as `project.*`. */
export const projectEn = {
  title: 'Project',
};
