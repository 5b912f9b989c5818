import { expect, test } from './fixtures';

test('network policy: the text says what each direction lets through, and a direction without peers is refused on its field', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.step('security');
  await page.getByTestId('field-networkPolicy.enabled').check();
  await expect(wizard.field('networkPolicy.ingress.namespaces')).toHaveValue('ingress-nginx');
  await expect(page.getByTestId('policy-ingress')).toHaveText(
    'Traffic into the namespace is allowed only from: pods of lightrun, kube-system, namespace ingress-nginx. Everything else is denied.',
  );
  await expect(page.getByTestId('policy-egress')).toHaveText(
    'Traffic out of the namespace is not restricted.',
  );

  await wizard.field('networkPolicy.ingress.namespaces').fill('');
  await expect(page.getByTestId('policy-ingress')).toHaveText(
    'Traffic into the namespace would be denied entirely, DNS and pod-to-pod included: nothing is listed.',
  );
  await expect(wizard.error('networkPolicy.ingress.namespaces')).toContainText(
    'with no namespace or CIDR the policy denies all ingress to every pod of the namespace',
  );
  await page.getByTestId('next').click();
  await expect(page.getByTestId('next-blocked')).toBeVisible();
  await expect(wizard.field('networkPolicy.ingress.namespaces')).toBeFocused();
  await wizard.shoot('n07-network-policy-no-peers');

  await page.getByTestId('field-networkPolicy.egress.enabled').check();
  await expect(wizard.error('networkPolicy.egress.namespaces')).toContainText(
    'with no namespace or CIDR the policy denies all egress, DNS included',
  );
  await wizard.field('networkPolicy.ingress.cidrs').fill('10.0.0.0/8');
  await wizard.field('networkPolicy.egress.cidrs').fill('10.20.0.0/16');
  await expect(page.getByTestId('policy-ingress')).toHaveText(
    'Traffic into the namespace is allowed only from: pods of lightrun, kube-system, 10.0.0.0/8. Everything else is denied.',
  );
  await expect(page.getByTestId('policy-egress')).toHaveText(
    'Traffic out of the namespace is allowed only to: pods of lightrun, kube-system, 10.20.0.0/16. Everything else is denied. Plugin downloads from artifacts.lightrun.com need its addresses in the CIDRs.',
  );
  await expect(wizard.error('networkPolicy.ingress.namespaces')).toHaveCount(0);
  await expect(page.getByTestId('next-blocked')).toHaveCount(0);
  await wizard.shoot('n07-network-policy');
});

test('admin console and metrics are closed until allowed, and the summary on the step and on Review says who reaches what', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.step('external-access');
  await expect(
    page.getByTestId('choice-externalAccess.mode-ingress-controller').locator('..'),
  ).toContainText('Four Ingresses');
  const row = (what: string) => page.getByTestId(`exposure-${what}`);
  await expect(row('Web app, login and API')).toContainText('Anyone who reaches the endpoint');
  await expect(row('Web app, login and API').locator('.reach')).toHaveAttribute(
    'data-tone',
    'public',
  );
  await expect(row('Keycloak admin console')).toContainText('Nobody (blocked)');
  await expect(row('Metrics (Prometheus)')).toContainText('Nobody (blocked)');
  await wizard.field('externalAccess.adminAllowCidrs').fill('10.0.0.0/8\n192.168.0.0/16');
  await expect(row('Keycloak admin console')).toContainText('Only 10.0.0.0/8, 192.168.0.0/16');
  await wizard.field('externalAccess.metricsAllowCidrs').fill('10.20.0.0/33');
  await expect(wizard.error('externalAccess.metricsAllowCidrs')).toContainText('10.20.0.0/33: ');
  await wizard.field('externalAccess.metricsAllowCidrs').fill('10.20.0.0/16');
  await expect(wizard.error('externalAccess.metricsAllowCidrs')).toHaveCount(0);
  await wizard.shoot('e05-external-access-allow-lists');

  await wizard.step('review');
  await expect(page.getByTestId('exposure-summary')).toContainText(
    'What is exposed outside the cluster',
  );
  await expect(row('Keycloak admin console')).toContainText('Only 10.0.0.0/8, 192.168.0.0/16');
  await expect(row('Metrics (Prometheus)')).toContainText('Only 10.20.0.0/16');

  await wizard.step('external-access');
  await wizard.choose('externalAccess.mode', 'load-balancer');
  await expect(row('Keycloak admin console')).toContainText('Anyone who reaches the endpoint');
  await expect(row('Keycloak admin console')).toContainText(
    'The chart-made nginx has no per-path allow-list',
  );
  await expect(row('Keycloak admin console').locator('.reach')).toHaveAttribute(
    'data-tone',
    'open',
  );

  // the 3.9.4 router is a choice of its own: its ACLs are the same two allow-lists, closed by default
  await wizard.choose('externalAccess.mode', 'router');
  await wizard.choose('externalAccess.service', 'load-balancer');
  await expect(wizard.field('externalAccess.tls')).toBeChecked();
  await expect(row('Keycloak admin console')).toContainText(
    'Service lightrun-router (LoadBalancer)',
  );
  await expect(row('Keycloak admin console')).toContainText('Nobody (blocked)');
  await wizard.field('externalAccess.adminAllowCidrs').fill('10.1.0.0/16');
  await expect(row('Keycloak admin console')).toContainText('Only 10.1.0.0/16');
  await wizard.shoot('e05-external-access-router');
});
