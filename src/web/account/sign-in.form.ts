import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The sign-in form as the browser posts it (urlencoded). Emptiness is answered on the page, not as a 400. */
export class SignInForm {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  _csrf?: string;

  /** The page to return to (a local path). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  next?: string;
}

/** Any form that only carries the anti-forgery token, such as sign-out. */
export class TokenOnlyForm {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  _csrf?: string;
}
