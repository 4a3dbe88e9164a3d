import type { HPAScalingPolicy, HPAScalingRules } from './autoscaling-types';

// The autoscaling/v2 behavior defaults (pkg/apis/autoscaling/v2/defaults.go), shared by the API's defaulting
// and the HPA controller. Pure.

export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: HPAScalingPolicy[];
  tolerance?: string;
}

const defaultScaleUpRules = (): ScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

/** GenerateHPAScaleUpRules: the fields a user left out, filled with the scale-up defaults. */
export function generateScaleUpRules(rules?: HPAScalingRules): ScalingRules {
  return copyScalingRules(rules, defaultScaleUpRules());
}

/**
 * GenerateHPAScaleDownRules followed by maybeInitScaleDownStabilizationWindow: an unset scale-down window
 * is the controller's downscale stabilization window.
 */
export function generateScaleDownRules(
  rules?: HPAScalingRules,
  downscaleStabilizationWindowSeconds = 300,
): ScalingRules {
  return copyScalingRules(rules, {
    stabilizationWindowSeconds: downscaleStabilizationWindowSeconds,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  });
}

function copyScalingRules(from: HPAScalingRules | undefined, to: ScalingRules): ScalingRules {
  return {
    stabilizationWindowSeconds: from?.stabilizationWindowSeconds ?? to.stabilizationWindowSeconds,
    selectPolicy: from?.selectPolicy ?? to.selectPolicy,
    policies: from?.policies ?? to.policies,
    ...(from?.tolerance !== undefined ? { tolerance: from.tolerance } : {}),
  };
}
