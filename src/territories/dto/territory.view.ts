import { ApiProperty } from '@nestjs/swagger';

export class RegionView {
  @ApiProperty({ example: '11' }) code: string;
  @ApiProperty({ example: 'Île-de-France' }) name: string;
  @ApiProperty({ example: 'metro', enum: ['metro', 'drom', 'com'] }) zone: string;
}

export class DepartmentView {
  @ApiProperty({ example: '93' }) code: string;
  @ApiProperty({ example: 'Seine-Saint-Denis' }) name: string;
  @ApiProperty({ example: '11', nullable: true, type: String }) regionCode: string | null;
  @ApiProperty({ example: 'metro' }) zone: string;
}
