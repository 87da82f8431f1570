import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { AppModule } from '../../app.module';
import { AppConfig } from '../../config/app-config';
import { isMessageKey, keyOfEnglish, say } from '../messages';

/** Every validation rule the DTOs declare, read from class-validator's registry once the application's modules are loaded. */
function declaredRules(): ValidationMetadata[] {
  void AppModule;
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> };
  // The environment's rules are read at start-up, never sent to a client; nested objects are said by their own rules.
  return [...storage.validationMetadatas.values()].flat().filter((r) => (r.target as { name?: string }).name !== AppConfig.name && r.type !== 'nestedValidation');
}

describe('the reasons of the validation pipe', () => {
  it('a DTO that writes its own sentence finds its French in the catalogue', () => {
    // IsOnOrAfter's sentence names the other field: said by field.isOnOrAfter with it as parameter.
    const own = declaredRules().filter((r) => typeof r.message === 'string' && r.name !== 'isOnOrAfter');
    const sentences = [...new Set(own.map((r) => r.message as string))];
    expect(sentences.length).toBeGreaterThan(10);
    expect(sentences.filter((s) => !keyOfEnglish(s))).toEqual([]);
    expect(say({ key: keyOfEnglish('must be an INSEE department code')! }, 'fr')).toBe('doit être un code de département INSEE');
  });

  it("every constraint the DTOs use has its sentence (field.<name>), or a sentence of the DTO's own", () => {
    const bare = declaredRules().filter((r) => typeof r.message !== 'string' && r.name && !['isOptional', 'validateIf'].includes(r.name));
    expect([...new Set(bare.map((r) => r.name!).filter((n) => !isMessageKey(`field.${n}`)))]).toEqual([]);
  });
});
