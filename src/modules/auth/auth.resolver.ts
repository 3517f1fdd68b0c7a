import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Principal } from '../users/principal.types';
import { AuthenticateInput, AuthPayload, ChangePasswordInput, LoginInput } from './auth.types';

@Resolver()
export class AuthResolver {
  @Query(() => Principal, { nullable: true, description: 'Who is calling; null when anonymous.' })
  viewer(@Ctx() ctx: RequestContext) {
    return ctx.identity?.principal ?? null;
  }

  @Mutation(() => AuthPayload, {
    description: 'Opens a one-hour session with email and password. Wrong email and wrong password answer alike; repeated failures are rate limited.',
  })
  login(@Arg('input', { description: 'Email and password.' }) input: LoginInput, @Ctx() ctx: RequestContext) {
    return ctx.services.auth.login(ctx, input.email, input.password);
  }

  @Mutation(() => AuthPayload, {
    description: 'Exchanges an API key, or an access key pair, for a session that remembers the key and ends with it.',
  })
  authenticate(@Arg('input', { description: 'The key.' }) input: AuthenticateInput, @Ctx() ctx: RequestContext) {
    return ctx.services.auth.authenticate(ctx, input);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session. False when the request did not use a session.' })
  logout(@Ctx() ctx: RequestContext) {
    return ctx.services.auth.logout(ctx);
  }

  @Mutation(() => Boolean, { description: 'Changes the viewer\'s password and ends its other sessions. Keys keep working.' })
  changePassword(@Arg('input', { description: 'Current and new password.' }) input: ChangePasswordInput, @Ctx() ctx: RequestContext) {
    return ctx.services.auth.changePassword(ctx, input.currentPassword, input.newPassword);
  }
}
