import { ApiProperty } from '@nestjs/swagger';

export class OperationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ format: 'uuid' }) contractingAuthorityId: string;
  @ApiProperty() createdAt: Date;
}

export class OperationPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [OperationView] }) items: OperationView[];
}
