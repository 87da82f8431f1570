import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemBody {
  @ApiProperty({ example: 'hours' }) field: string;
  @ApiProperty({ example: 'must not exceed 2 decimal places' }) reason: string;
}

/** The one JSON shape of every error the API returns. */
export class ErrorBody {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'legal_monthly_cap', description: 'Stable machine-readable code: the rule or failure' })
  code: string;
  @ApiProperty({ example: 'This statement would bring the person to 215.00 h in 2026-03, above the legal cap of 212.57 h' })
  message: string;
  @ApiProperty({ type: [FieldProblemBody] }) details: FieldProblemBody[];
  @ApiPropertyOptional({ description: 'Figures behind the refusal (e.g. cap and current total)', type: 'object', additionalProperties: true })
  context?: Record<string, unknown>;
}
