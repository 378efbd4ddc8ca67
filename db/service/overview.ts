// 总览: the gradient, reward exposure, targets, calendar and pool status (implements db/contracts/overview.ts).
import type { overviewMethods } from '../contracts/overview';
import type { PartContext } from './context';
import type { Service } from './index';

export function overviewService(_ctx: PartContext): Pick<Service, keyof typeof overviewMethods> {
  return {};
}
