/**
 * The call in the reader's language: Chromium in Spanish shows the pre-join, the
 * refusal of a full room and the call's controls in Spanish, from the extension's catalogue.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { createSignallingServer } from '../../src/server/create-server.js';
import { createServerLogger } from '../../src/server/logger.js';
import { newRoomId } from '../../src/shared/room-id.js';
import { launchPerson, openCall, openCallPage, type Person } from './harness/browser.js';
import { expectState, openWidget, tileOf } from './harness/call-page.js';
import { axeViolations } from './harness/axe.js';

const PORT = 8125;
const SERVER = `http://127.0.0.1:${PORT}`;
const server = createSignallingServer(
  { ...DEFAULT_CONFIG, port: PORT, roomCapacity: 2 },
  createServerLogger('silent'),
);
const people: Person[] = [];

beforeAll(() => server.listen());
afterAll(async () => {
  await Promise.all(people.map((person) => person.close()));
  await server.close();
});

describe('the call in Spanish', () => {
  it('shows a full room, the pre-join and the controls in Spanish', async () => {
    const room = newRoomId();
    const [ana, bea, carla] = await Promise.all([
      launchPerson(),
      launchPerson(),
      launchPerson({ language: 'es' }),
    ]);
    people.push(ana, bea, carla);
    const anaCall = await openCall(ana, room, 'Ana', SERVER);
    await openCall(bea, room, 'Bea', SERVER);
    await expectState(tileOf(anaCall, 'Bea'), 'connected');

    // Carla is third in a room of two: told so in Spanish, before her camera is used.
    const page = await openCallPage(carla, room, 'Carla', SERVER);
    await page.getByRole('heading', { name: 'No puedes unirte a esta sala' }).waitFor();
    await page.getByText('Esta sala está llena (2 personas).').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/room-full-es.png' });

    // A new room of her own: the pre-join, then the call, in Spanish.
    await page.getByRole('button', { name: 'Empezar una sala nueva' }).click();
    await page.getByRole('heading', { name: '¿Todo listo para entrar?' }).waitFor();
    await page.getByRole('switch', { name: 'Micrófono' }).waitFor();
    await page.getByRole('button', { name: 'Unirse ahora' }).click();
    await page.getByRole('heading', { name: 'Eres la única persona aquí' }).waitFor();
    for (const name of [
      'Silenciar el micrófono',
      'Apagar la cámara',
      'Levantar la mano',
      'Salir',
    ]) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    await page.getByRole('button', { name: 'Más', exact: true }).click();
    await page.getByRole('button', { name: 'Grabar' }).waitFor();
    await page.keyboard.press('Escape');
    // Chat, a widget, speaks the reader's language through the SDK.
    await openWidget(page, 'Chat');
    const chat = page.frameLocator('iframe[title="Chat"]');
    await chat.getByRole('textbox', { name: 'Mensaje' }).waitFor();
    await chat.getByRole('button', { name: 'Enviar' }).waitFor();
    await chat.getByText('Aún no hay mensajes. ¡Saluda!').waitFor();
    await openWidget(page, 'Archivos');
    const files = page.frameLocator('iframe[title="Archivos"]');
    await files.getByRole('button', { name: 'Elegir archivos…' }).waitFor();
    await files.getByRole('combobox', { name: 'Enviar a' }).waitFor();
    await page.screenshot({ path: 'docs/screenshots/call-es.png' });
    // Spanish words are longer: the controls still fit one row, Salir on screen, at both sizes.
    for (const [width, height] of [
      [800, 600],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      const leave = await page.getByRole('button', { name: 'Salir', exact: true }).boundingBox();
      expect(leave!.x + leave!.width, `Salir at ${width}×${height}`).toBeLessThanOrEqual(width);
      expect(leave!.y + leave!.height).toBeLessThanOrEqual(height);
      const rowHeight = await page
        .locator('.control-row')
        .evaluate((row) => row.getBoundingClientRect().height);
      expect(rowHeight, `one row of controls at ${width}×${height}`).toBeLessThan(100);
      await page.screenshot({ path: `docs/screenshots/call-es-${width}x${height}.png` });
    }
    expect(await axeViolations(page)).toEqual([]);
  });
});
