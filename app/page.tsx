import { Wizard } from '@/components/wizard';

export default function Home() {
  return <Wizard />;
}
