import { Controller, Get, Post, RequestMethod } from '@nestjs/common';
import { assertPagesAloneOutsideApi, webRouteExclusions } from './web.routes';

@Controller()
class RootPages {
  @Get()
  home() {}

  @Get('programmes/:programme')
  programme() {}
}

@Controller('forms')
class FormPages {
  @Post('send')
  send() {}
}

describe('web routes outside the API prefix', () => {
  it('excludes each page route by its declared path as literal text and by its method', () => {
    expect(webRouteExclusions([RootPages, FormPages])).toEqual([
      { path: '/', method: RequestMethod.GET },
      { path: '/programmes/\\:programme', method: RequestMethod.GET },
      { path: '/forms/send', method: RequestMethod.POST },
    ]);
  });

  it('refuses an app where an API route left /api/v1 with a page declared like it', () => {
    const route = (method: string, path: string) => ({ route: { path, methods: { [method]: true } } });
    const everyMethod = { route: { path: '/programmes/:id', methods: { get: true, post: true, put: true } } };
    const fine = [route('get', '/api/v1/programmes/:id'), route('get', '/programmes/:programme'), everyMethod, {}];
    expect(() => assertPagesAloneOutsideApi(fine)).not.toThrow();
    expect(() => assertPagesAloneOutsideApi([...fine, route('get', '/programmes/:programme')])).toThrow(/GET \/programmes\/:programme/);
  });
});
