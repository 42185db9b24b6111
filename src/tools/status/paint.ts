// Colour for the table view: chalk at level 0 (plain text) unless the output is a terminal and
// neither NO_COLOR nor --no-color asks for plain text. The problem words are in the text either
// way (e.g. "under-replicated"), so a pipe or NO_COLOR loses no information, only the colour.
import chalk from 'chalk';

export type Paint = chalk.Chalk;

export function paintFor(useColor: boolean): Paint {
  return new chalk.Instance({ level: useColor ? 1 : 0 });
}

/** Colour only on a terminal, and not when NO_COLOR (non-empty, per no-color.org) or --no-color says no. */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv, colorOption: boolean): boolean {
  return isTTY === true && colorOption && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}
