/**
 * Advance widths of DejaVu Sans (regular and bold), the exhibit's fonts, as pure data: the site's canvas and the
 * dossier's PDF lay the banner out with them, where the font files cannot be read (a browser), and so break its lines
 * exactly where the stamped exhibit does. Widths in 1/2048 em, base 36, one per character of RANGES in order; a
 * character outside them counts one em, as the exhibit counts a character its fonts lack.
 * tests/banner.test.ts checks every width against the installed fonts.
 */
import type { BannerMeasure } from './banner-layout.ts';

export const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x24f],
  [0x370, 0x52f],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x2100, 0x215f],
  [0x2190, 0x21ff],
  [0x2200, 0x22ff],
];

const REGULAR =
  'i3,mt,q6,1bo,107,1i2,18d,fn,m7,m7,sg,1bo,i3,kj,i3,j6,107,107,107,107,107,107,107,107,107,107,j6,j6,' +
  '1bo,1bo,1bo,u7,1kw,12x,131,13q,17t,zy,wq,183,16s,gs,gs,11b,vp,1d3,16k,18s,yb,18s,13j,104,yr,15n,12x,' +
  '1k9,12z,yr,12z,m7,j6,m7,1bo,sg,sg,yv,104,va,104,z0,k1,104,102,ft,ft,wy,ft,1jf,102,yt,104,104,ne,tn,' +
  'mb,102,xo,1aj,xo,xo,tv,107,j6,107,1bo,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,' +
  '1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,i3,mt,107,107,107,107,j6,sg,' +
  'sg,1kw,qt,yt,1bo,kj,1kw,sg,sg,1bo,mt,mt,sg,107,107,i3,sg,mt,qt,yt,1j5,1j5,1j5,u7,12x,12x,12x,12x,12x,' +
  '12x,1jf,13q,zy,zy,zy,zy,gs,gs,gs,gs,183,16k,18s,18s,18s,18s,18s,1bo,18s,15n,15n,15n,15n,yr,yf,zu,yv,' +
  'yv,yv,yv,yv,yv,1jv,va,z0,z0,z0,z0,ft,ft,ft,ft,yt,102,yt,yt,yt,yt,yt,1bo,yt,102,102,102,102,xo,104,xo,' +
  '12x,yv,12x,yv,12x,yv,13q,va,13q,va,13q,va,13q,va,17t,104,183,104,zy,z0,zy,z0,zy,z0,zy,z0,zy,z0,183,' +
  '104,183,104,183,104,183,104,16s,102,1g4,13j,gs,ft,gs,ft,gs,ft,gs,ft,gs,ft,xk,vm,gs,ft,11b,wy,wy,vp,' +
  'ft,vp,ft,vp,lc,vp,jg,vz,g6,16k,102,16k,102,16k,102,1aa,16k,102,18s,yt,18s,yt,18s,yt,1ov,1m7,13j,ne,' +
  '13j,ne,13j,ne,104,tn,104,tn,104,tn,104,tn,yr,mb,yr,mb,yr,mb,15n,102,15n,102,15n,102,15n,102,15n,102,' +
  '15n,102,1k9,1aj,yr,xo,yr,12z,tv,12z,tv,12z,tv,k1,104,15t,131,104,131,104,140,13q,va,183,1al,131,104,' +
  'yt,zy,18s,yy,wq,k1,183,132,1jz,k4,gs,16f,wy,ft,xo,1jf,16k,102,18s,1fy,yt,1hz,177,113,104,13j,104,tn,' +
  'zy,j4,mb,yr,mb,yr,1ct,102,17h,150,16b,15k,12z,tv,11w,11w,wv,tv,107,11w,wv,t1,104,gs,s0,q4,gt,28w,21w,' +
  '1to,1bj,18r,pz,1gz,1gk,19d,12x,yv,gs,ft,18s,yt,15n,102,15n,102,15n,102,15n,102,15n,102,z0,12x,yv,12x,' +
  'yv,1jf,1jv,183,104,183,104,11b,wy,18s,yt,18s,yt,11w,wv,ft,28w,21w,1to,183,104,1rb,12t,16k,102,12x,yv,' +
  '1jf,1jv,18s,yt,12x,yv,12x,yv,zy,z0,zy,z0,gs,ft,gs,ft,18s,yt,18s,yt,13j,ne,13j,ne,15n,102,15n,102,104,' +
  'tn,yr,mb,zo,to,16s,102,15u,1bo,13q,yq,12z,tv,12x,yv,zy,z0,18s,yt,18s,yt,18s,yt,18s,yt,yr,xo,r0,1by,' +
  'r5,ft,1ks,1ks,12x,13q,va,vp,yr,tn,tv,yb,r9,131,15n,12x,zy,z0,gs,ft,18g,104,13j,ne,yr,xo,118,wb,1d1,' +
  '10u,fu,fu,16k,10z,1kw,1kw,sg,v9,va,v9,j6,gs,1kw,1kw,1kw,1kw,sg,sg,13e,i3,16g,1dk,n8,1kw,1a8,1kw,1ax,' +
  '1az,j9,12x,131,vp,12x,zy,12z,16s,18s,gs,11b,12x,1d3,16k,zy,18s,16s,yb,1kw,zy,yr,yr,18s,12z,18s,17h,' +
  'gs,yr,11i,ur,102,j9,wx,11i,10b,xo,yt,ur,uy,102,yt,j9,xj,xo,107,vs,vq,yt,y9,104,xe,102,y9,wx,11j,wv,' +
  '11j,1bn,j9,wx,yt,wx,1bn,11b,yy,z8,13r,1bx,13r,11j,1bn,11r,18s,yt,10w,xe,wq,q3,11j,11j,1d8,zp,1h4,1bn,' +
  '175,11i,191,yz,132,yj,17o,zk,13s,yt,yr,ui,11r,104,va,ft,18s,z0,z0,yf,104,13q,1d3,111,104,140,13q,140,' +
  'zy,zy,18q,yp,13q,104,gs,gs,gs,1q8,1ng,18q,14e,16k,yo,16s,12x,131,131,yp,18g,zy,1pa,10h,16k,16k,14e,' +
  '16s,1d3,16s,18s,16s,yb,13q,yr,yo,1cz,12z,186,130,1ou,1q8,1bd,1e7,131,13q,1pf,13j,yv,z3,xj,tw,13c,z0,' +
  '1f9,u9,10z,10z,yd,10d,16x,117,yt,117,104,va,x5,xo,1cn,xo,12q,xm,1g2,1hl,147,18x,xj,v8,1bw,y8,z0,z0,' +
  'zk,tw,v8,tn,ft,ft,ft,1fc,1f4,113,yd,10z,xo,117,1h4,1bn,17u,128,1hm,16m,1e1,18k,1tz,1kz,18s,yt,1mf,' +
  '1aw,107,ur,1cq,1dv,18s,yt,18g,11u,18g,11u,1kg,1fg,1i8,175,1v4,1mh,1h4,1bn,13q,va,sl,0,0,0,0,0,ns,ns,' +
  '17y,12i,131,xj,yb,104,yp,tw,12e,xl,zi,u5,1pa,1f9,10h,u9,14e,yd,14e,yd,14e,yd,1cq,1bb,16s,11l,1lp,1dw,' +
  '1pi,1g3,1dy,13f,13q,va,yr,x5,yr,xo,yr,xo,12z,xo,1h5,19w,130,xm,130,xm,130,102,1hj,15f,1hj,15f,gs,1pa,' +
  '1f9,11b,yd,185,125,16s,11l,186,12q,130,xm,1ei,182,ft,12x,yv,12x,yv,1jf,1jv,zy,z0,18s,z0,18s,z0,1pa,' +
  '1f9,10h,u9,11w,wv,16k,10z,16k,10z,18s,yt,18s,yt,18s,yt,13q,v8,yo,xo,yo,xo,yo,xo,130,xm,yp,tw,1e7,18x,' +
  '12e,xl,12z,xo,12z,xo,131,xj,1l8,1f1,1jg,1dg,12m,xh,1oz,1ig,1rb,1j1,183,11j,17z,14g,yy,ur,16s,10d,1ui,' +
  '1kj,1ev,1d6,1mp,1k3,18s,104,1k9,1aj,14e,yd,1ph,1fi,1pi,1fw,194,12u,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,' +
  '1kw,1kw,sg,1kw,sg,1kw,ir,e8,9i,107,i3,bd,5o,0,0,0,0,0,kj,kj,107,sg,1kw,1kw,sg,sg,i3,i3,i3,i3,th,th,' +
  'th,th,sg,sg,xk,xk,j1,11z,1kw,i3,0,0,0,0,0,0,0,bd,24c,2qq,cx,l9,tl,cx,l9,tl,ja,mr,mr,1bo,rm,u7,sg,19q,' +
  '19q,e8,1kw,sg,9i,m7,m7,1gg,15p,15p,sa,107,sg,sg,sg,j6,19q,sg,pl,1kw,19q,1bo,xc,11q,1bo,1bo,i3,19d,' +
  '1bo,i3,i3,cn,0,0,0,0,0,1kw,1kw,1kw,1kw,1kw,0,0,0,0,0,0,1dw,107,107,107,107,1jf,107,20e,1p3,1k9,18m,' +
  '107,107,107,107,20e,107,107,107,107,181,107,1kw,1kw,107,107,107,1kw,1kw,107,1kw,1kw,1kw,1kw,1kw,1kw,' +
  '1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1ly,1ly,13q,1rw,10j,1ly,1op,yy,13q,1i5,1kw,1k8,16x,' +
  '1cc,102,102,qq,13o,14z,ni,1aj,19k,1n6,1kw,13o,13w,18s,19e,1ab,192,1f0,12x,1m0,1p4,1kw,12x,16d,wv,17h,' +
  '17h,z2,j9,11b,12x,18q,140,1cm,xo,yg,18q,wq,1ou,qa,16e,12c,qi,10o,lm,1go,1vx,13y,15e,118,1ca,1a4,183,' +
  'vp,vp,yr,1al,14a,z0,jz,jz,1kw,18d,1kw,1kw,ty,1kw,1j5,1j5,25y,1j5,1j5,1j5,1j5,1j5,1j5,1j5,1j5,1j5,1j5,' +
  '1j5,1j5,wb,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,12x,107,tf,zy,zy,1dk,122,122,1dk,1dk,14u,' +
  '1dk,1dk,14u,107,172,172,12c,1bo,1bo,1bo,j6,108,1bo,zm,zm,109,109,109,14n,1be,1bo,1f0,1f0,1bo,sg,sg,' +
  'sg,sg,15n,15n,15n,15n,tn,18w,1o5,tn,18w,1o5,tn,tn,tn,107,107,et,107,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  'lc,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bq,1bq,1kw,1kw,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1nk,1nk,qe,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,15n,15n,15n,1bo,1bo,1bo,1bo,18e,18e,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1dk,1dk,' +
  '1dk,1dk,tm,tm,1dk,1dk,1dk,1dk,1dk,1dk,1dk,1dk,1bo,1bo,1bo,1bo,1bo,1bo,1kw,1kw,1bo,1bo,tm,15n,15n,15n,' +
  '1bo,1bo,1ao,1ao,1ao,1ao,zm,i3,zm,1bo,1kw,1kw,1kw,1kw,1kw,1bo,15o,15o,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '28x,28x,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1kw,1kw,1kw,' +
  '1kw,1kw,1dk,14u,1dk,1dk,14u,1dk,1dk,1kw,1dk,14u,1dk,14u,1dk';

const BOLD =
  'jt,py,tn,1bo,13l,1l0,1dm,hf,q0,q0,tr,1bo,lm,nm,lm,ks,13l,13l,13l,13l,13l,13l,13l,13l,13l,13l,mr,mr,' +
  '1bo,1bo,1bo,x0,1kw,181,17d,15r,1b8,12v,12v,1ap,1bm,l6,l6,183,109,1km,1bm,1cd,15p,1cd,17t,14z,12t,1a7,' +
  '181,1qr,17v,157,159,q0,ks,q0,1bo,sg,sg,12e,14q,xq,14q,12l,or,14q,14i,ji,ji,11u,ji,1na,14i,133,14q,' +
  '14q,s2,xv,r7,14i,113,1gk,10p,113,x4,14i,ks,14i,1bo,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,' +
  '1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,jt,py,13l,13l,' +
  '107,13l,ks,sg,sg,1kw,w3,10r,1bo,nm,1kw,sg,sg,1bo,ox,ox,sg,15v,107,lm,sg,ox,w3,10r,1mw,1mw,1mw,x0,181,' +
  '181,181,181,181,181,1pq,15r,12v,12v,12v,12v,l6,l6,l6,l6,1bo,1bm,1cd,1cd,1cd,1cd,1cd,1bo,1cd,1a7,1a7,' +
  '1a7,1a7,157,15z,14x,12e,12e,12e,12e,12e,12e,1nm,xq,12l,12l,12l,12l,ji,ji,ji,ji,133,14i,133,133,133,' +
  '133,133,1bo,133,14i,14i,14i,14i,113,14q,113,181,12e,181,12e,181,12e,15r,xq,15r,xq,15r,xq,15r,xq,1b8,' +
  '14q,1bo,14q,12v,12l,12v,12l,12v,12l,12v,12l,12v,12l,1ap,14q,1ap,14q,1ap,14q,1ap,14q,1bm,14i,1je,18y,' +
  'l6,ji,l6,ji,l6,ji,l6,ji,l6,ji,16c,130,l6,ji,183,11u,11u,109,ji,109,ji,109,ra,109,vo,10j,l4,1bm,14i,' +
  '1bm,14i,1bm,14i,1jx,1bm,14i,1cd,133,1cd,133,1cd,133,1ue,1q9,17t,s2,17t,s2,17t,s2,14z,xv,14z,xv,14z,' +
  'xv,14z,xv,12t,r7,12t,r7,12t,r7,1a7,14i,1a7,14i,1a7,14i,1a7,14i,1a7,14i,1a7,14i,1qr,1gk,157,113,157,' +
  '159,x4,159,x4,159,x4,or,14q,1a5,17d,14q,17d,14q,15r,15r,xq,1bo,1e0,172,14q,134,12v,1cb,13l,12v,or,' +
  '1ap,194,1ng,os,m5,183,11u,ki,xo,1na,1bm,14i,1cd,1dp,133,1pl,1fw,18h,14q,17t,14z,xv,12v,ve,r7,147,r7,' +
  '12t,1bj,14i,1cd,1aa,19d,18a,159,x4,17y,17y,10g,x4,13l,17y,10g,wl,14q,l6,11h,uy,l6,2gh,28c,21u,1lf,' +
  '1jr,130,1ws,1v4,1o0,181,12e,l6,ji,1cd,133,1a7,14i,1a7,14i,1a7,14i,1a7,14i,1a7,14i,12l,181,12e,181,' +
  '12e,1pq,1nm,1ap,14q,1ap,14q,183,11u,1cd,133,1cd,133,17y,x4,ji,2gh,28c,21u,1ap,14q,21b,18s,1bm,14i,' +
  '181,12e,1pq,1nm,1cd,133,181,12e,181,12e,12v,12l,12v,12l,l6,ji,l6,ji,1cd,133,1cd,133,17t,s2,17t,s2,' +
  '1a7,14i,1a7,14i,14z,xv,12t,r7,13a,yk,1bm,14i,1bm,1d7,1a1,11h,159,x4,181,12e,12v,12l,1cd,133,1cd,133,' +
  '1cd,133,1cd,133,157,113,rz,1db,t4,ji,1pw,1pw,181,15r,xq,109,12t,xv,x4,18h,yy,17d,1a7,181,12v,12l,l6,' +
  'ji,1cy,190,17t,s2,157,113,13p,w5,1m5,1bk,h6,h6,1bm,13v,1kw,1kw,sg,xq,va,v9,mr,l6,1kw,1kw,1kw,1kw,p4,' +
  'sg,19d,lm,1c4,1le,w2,1kw,1eo,1kw,1jr,1ev,m6,181,17d,109,181,12v,159,1bm,1cd,l6,183,181,1km,1bm,zy,' +
  '1cd,1bm,15p,1kw,12v,12t,157,1cd,17v,1cc,1cd,l6,157,133,vo,14i,m6,12f,133,14q,12r,133,vo,xm,14i,133,' +
  'm6,14f,100,15v,12r,xm,133,190,14q,xq,18b,10b,12f,18i,10p,196,1dg,m6,12f,133,12f,1dg,183,111,11l,16g,' +
  '1ju,16g,19b,1dg,16b,1cd,133,15r,xq,12v,s3,13y,11j,1ga,zo,1q6,1bn,1bc,14q,1gs,16b,15q,110,18v,126,16s,' +
  '14q,12t,xk,16b,14q,xq,ji,1cd,10o,10n,15z,14q,15r,1km,15n,14q,13q,15r,13q,12v,12v,1dz,109,15r,14z,l6,' +
  'l6,l6,1to,1sa,1dz,1ai,1bm,17v,1bm,181,17d,17d,109,1eo,12v,1xn,14f,1bm,1bm,1ai,1b9,1km,1bm,1cd,1bm,' +
  '15p,15r,12t,17v,1kf,17v,1gs,19z,1ya,23f,1hg,1my,17d,15r,1us,17t,12e,13q,100,tq,19y,12l,1km,x2,13v,' +
  '13v,12m,15o,1ai,13b,133,13b,14q,xq,wz,113,1kg,10p,166,132,1of,1qw,16r,1fg,zz,xq,1jb,10j,12l,12l,14m,' +
  'tq,xq,xv,ji,ji,ji,1ke,1ie,15s,12m,13v,113,13b,1q6,1dg,1bt,15v,1ll,1br,1kg,1bc,25a,1rs,1cd,133,1yb,' +
  '1lb,13l,vo,1p5,1od,1cd,133,1cd,13k,1cd,13k,1tc,1nd,1p4,1d3,27y,1uq,1q6,1dg,15r,xq,114,0,0,0,0,0,ns,' +
  'ns,1ig,19w,17d,ys,15p,14q,109,tq,11v,uw,19z,122,1xn,1km,14f,x2,183,12m,1ai,12m,1ai,12m,1lr,1b0,1ie,' +
  '19y,1qq,1dq,20g,1lv,1i5,1ct,15r,xq,12t,wz,157,113,157,113,17v,10p,1ra,1kx,19z,132,19z,132,19z,14i,' +
  '1me,1a2,1me,1a2,l6,1xn,1km,183,zu,1i3,19t,1bm,13b,1ig,19w,19z,132,1rf,1h2,ji,181,12e,181,12e,1pq,1nm,' +
  '12v,12l,1cb,12l,1cb,12l,1xn,1km,14f,x2,17y,10g,1bm,13v,1bm,13v,1cd,133,1cd,133,1cd,133,15r,xq,17v,' +
  '113,17v,113,17v,113,19z,132,109,tq,1my,1fg,11v,uw,17v,10p,17v,10p,17d,yl,1ty,1et,1ro,1gc,1b4,13f,1yn,' +
  '1lu,21b,1ln,1br,10b,1hd,19o,13l,vo,1b9,15o,215,1or,1om,1jq,1pj,1ln,1cd,14q,1qr,1gk,1ai,12m,203,1o8,' +
  '20g,1lv,1ig,19w,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,sg,1kw,sg,1kw,ir,e8,9i,13l,lm,bd,5o,0,0,0,0,' +
  '0,nm,nm,13l,sg,1kw,1kw,sg,sg,lm,lm,lm,lm,11e,11e,11e,11e,sg,sg,10d,10d,iy,11y,1kw,jt,0,0,0,0,0,0,0,' +
  'bd,29x,2zc,f0,pf,zu,f0,pf,zu,15p,ng,ng,1jb,zo,x0,sg,1b4,1b4,iq,1m7,sg,9i,q0,q0,1mm,1b5,1b5,t7,107,sg,' +
  'sg,tr,mr,1b4,tr,vn,1kw,1b4,1bo,12w,1a9,1bo,1bo,lm,1dl,1bo,lm,lm,cn,0,0,0,0,0,1kw,1kw,1kw,1kw,1kw,0,0,' +
  '0,0,0,0,1gv,13l,13l,13l,13l,1na,13l,2ec,1wj,1qr,1fg,13l,13l,13l,13l,276,13l,13l,13l,13l,1cw,13l,1kw,' +
  '1kw,13l,13l,13l,1kw,1kw,13l,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,1kw,' +
  '1rp,1ul,15r,1ww,1ez,1q3,1t3,yy,13q,1pt,1kw,1p1,1fy,1ei,14i,14i,xz,13o,1cq,qu,1jf,1bm,1wg,1kw,13o,16o,' +
  '1cd,1he,1ab,19l,1f0,14e,1m0,20v,1kw,16y,16x,wv,1cd,1cd,17e,j9,183,181,1gs,1ak,1cm,107,15i,19y,12v,' +
  '1vd,qg,196,15m,s3,12x,lm,1hs,24o,18x,15x,118,1d3,1bs,183,vp,109,179,1b8,14q,12l,ji,ji,1kw,1dm,1kw,' +
  '1kw,v5,1kw,1mw,1mw,2cd,1mw,1mw,1mw,1mw,1mw,1mw,1mw,1mw,1mw,1mw,1mw,1mw,z0,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,181,13l,uy,12v,12v,1cq,13n,13n,1f0,1f0,16o,1f0,1f0,16o,107,18s,18s,14u,1bo,' +
  '1bo,13l,ks,13l,1bo,zm,lm,11y,11y,11y,14i,1be,1bo,1f0,1f0,1bo,sg,sg,sg,sg,1a7,1a7,1a7,1a7,yp,1gu,21o,' +
  'w0,1jk,22o,w0,w0,w0,13l,13l,gq,13l,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,lc,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1og,1og,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bu,1bu,1nk,1nk,sg,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1a7,1a7,1a7,1bo,1bo,1bo,1bo,' +
  '19a,19a,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1g0,1g0,1g0,1g0,uv,uv,1g0,1g0,1g0,1g0,' +
  '1g0,1g0,1g0,1g0,1bo,1bo,1bo,1bo,1bo,1bo,1kw,1kw,1bo,1bo,uv,1a7,1a7,1a7,1bo,1bo,1by,1by,1by,1by,zm,lm,' +
  'zm,1bo,1kw,1kw,1kw,1kw,1kw,1bo,1a6,1a6,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,28x,28x,1bo,1bo,1bo,1bo,1bo,' +
  '1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1bo,1kw,1kw,1kw,1kw,1tv,1f0,16o,1f0,1f0,16o,' +
  '1f0,1f0,1tv,1f0,16o,1f0,16o,1f0';

function widths(packed: string): Map<number, number> {
  const values = packed.split(',').map((w) => parseInt(w, 36) / 2048);
  const byCode = new Map<number, number>();
  let i = 0;
  for (const [first, last] of RANGES) for (let code = first; code <= last; code++) byCode.set(code, values[i++]!);
  return byCode;
}

let tables: { regular: Map<number, number>; bold: Map<number, number> } | undefined;

function width(table: Map<number, number>, text: string, sizePx: number): number {
  let total = 0;
  for (const char of text) total += table.get(char.codePointAt(0)!) ?? 1;
  return total * sizePx;
}

/** The exhibit's measure without its font files: labels in DejaVu Sans, values in DejaVu Sans Bold. */
export function dejavuMeasure(): BannerMeasure {
  tables ??= { regular: widths(REGULAR), bold: widths(BOLD) };
  const { regular, bold } = tables;
  return { label: (text, px) => width(regular, text, px), value: (text, px) => width(bold, text, px) };
}
