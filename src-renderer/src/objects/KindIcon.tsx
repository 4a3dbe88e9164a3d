import {
  Box,
  Database,
  FileText,
  FolderTree,
  HardDrive,
  KeyRound,
  Layers,
  LayoutDashboard,
  Network,
  Rocket,
  Server,
  Shapes,
  Timer,
  type LucideIcon,
} from 'lucide-react';

const ICONS: Record<string, LucideIcon> = {
  Dashboard: LayoutDashboard,
  Deployment: Layers,
  Pod: Box,
  Service: Network,
  StatefulSet: Database,
  DaemonSet: Server,
  Node: Server,
  Job: Timer,
  CronJob: Timer,
  ConfigMap: FileText,
  Secret: KeyRound,
  PersistentVolumeClaim: HardDrive,
  PersistentVolume: HardDrive,
  Namespace: FolderTree,
  Promote: Rocket,
};

/** A kind's icon, decorative (the kind is always said in words next to it). */
export function KindIcon({ kind, size = 18 }: { kind: string; size?: number }) {
  const Icon = ICONS[kind] ?? Shapes;
  return <Icon size={size} aria-hidden="true" className="kind-icon" />;
}
