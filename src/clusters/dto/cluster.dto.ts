import { Transform } from 'class-transformer';
import { IsOptionalNotNull } from '../../common/http/optional';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.dto';
import { OneLine, trim } from '../../common/http/text';
import { ClusterEntity } from '../cluster.entity';
import { IsInn, IsOgrn, RUSSIAN_REGIONS, RUSSIAN_TIME_ZONES } from '../russian-ids';

export class CreateClusterDto {
  /** Name in Russian, e.g. «Фармацевтика, медицинская техника и информационные технологии Томской области». */
  @Transform(trim)
  @IsString()
  @Length(3, 300)
  @OneLine()
  nameRu: string;

  @Transform(trim)
  @IsString()
  @Length(3, 300)
  @OneLine()
  nameEn: string;

  /** ISO 3166-2:RU code, e.g. RU-TOM. */
  @IsIn(RUSSIAN_REGIONS)
  regionCode: string;

  /** IANA time zone of the cluster, e.g. Asia/Tomsk. */
  @IsIn(RUSSIAN_TIME_ZONES)
  timeZone: string;

  /** Legal name of the cluster's specialised organisation. */
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  @OneLine()
  organisationName: string;

  /** INN of the specialised organisation (10 or 12 digits, check digits verified). */
  @IsInn()
  organisationInn: string;

  /** OGRN (13 digits) or OGRNIP (15 digits), check digit verified. */
  @IsOgrn()
  organisationOgrn: string;

  @IsInt()
  @Min(0)
  @Max(100000)
  memberCount: number;

  /** Industries, e.g. ["pharmaceuticals", "medical technology", "IT"]. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(2, { each: true })
  @MaxLength(100, { each: true })
  @OneLine({ each: true })
  industries?: string[];

  /** INNs of listed participant organisations. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(2000)
  @ArrayUnique()
  @IsInn({ each: true })
  participantInns?: string[];
}

export class UpdateClusterDto {
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(3, 300)
  @OneLine()
  nameRu?: string;

  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(3, 300)
  @OneLine()
  nameEn?: string;

  @IsOptionalNotNull()
  @IsIn(RUSSIAN_REGIONS)
  regionCode?: string;

  @IsOptionalNotNull()
  @IsIn(RUSSIAN_TIME_ZONES)
  timeZone?: string;

  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  @OneLine()
  organisationName?: string;

  @IsOptionalNotNull()
  @IsInn()
  organisationInn?: string;

  @IsOptionalNotNull()
  @IsOgrn()
  organisationOgrn?: string;

  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100000)
  memberCount?: number;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(2, { each: true })
  @MaxLength(100, { each: true })
  @OneLine({ each: true })
  industries?: string[];

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(2000)
  @ArrayUnique()
  @IsInn({ each: true })
  participantInns?: string[];
}

export class ClusterQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(RUSSIAN_REGIONS)
  regionCode?: string;
}

export class ClusterDto {
  id: string;
  nameRu: string;
  nameEn: string;
  regionCode: string;
  timeZone: string;
  organisationName: string;
  organisationInn: string;
  organisationOgrn: string;
  memberCount: number;
  industries: string[];
  participantInns: string[];
  /** Demo data: made-up INN/OGRN (valid by checksum only). */
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;

  static from(cluster: ClusterEntity): ClusterDto {
    return {
      id: cluster.id,
      nameRu: cluster.nameRu,
      nameEn: cluster.nameEn,
      regionCode: cluster.regionCode,
      timeZone: cluster.timeZone,
      organisationName: cluster.organisationName,
      organisationInn: cluster.organisationInn,
      organisationOgrn: cluster.organisationOgrn,
      memberCount: cluster.memberCount,
      industries: cluster.industries,
      participantInns: cluster.participantInns,
      isDemo: cluster.isDemo,
      createdAt: cluster.createdAt.toISOString(),
      updatedAt: cluster.updatedAt.toISOString(),
    };
  }
}

export class ClusterPageDto {
  items: ClusterDto[];
  total: number;
}
